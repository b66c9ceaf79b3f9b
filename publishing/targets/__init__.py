"""Every place `invoke publish` can deploy to, one module each (see publishing/__init__.py)."""
