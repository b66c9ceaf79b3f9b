"""Pictures: every image a post uses, made small, upright and free of private data."""
