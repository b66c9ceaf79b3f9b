"""Stops the build on any mistake in the content, and explains every one in plain words.

Pelican on its own skips an article it cannot read and carries on, so a post could
silently vanish. This plugin checks every source file and every article after
reading and before anything is written, lists all problems at once, and raises
`ContentProblems` when any of them is an error. The checks themselves are rules,
one per module, in plugins/checks/rules/.
"""


def register():
    from plugins.checks import run

    run.register()
