"""`--target check`: build and check the public site, and deploy it nowhere."""

from publishing import Target, register


@register
class Check(Target):
    """Stops after the checks, so the built site can be looked at first."""

    name = "check"
    summary = "build and check only"

    def dry_run(self, site):
        self.deploy(site)

    def deploy(self, site):
        print("Nothing was deployed: --target check only builds and checks.")
