"""plainprint tests; mirrors the packages (see README "Layout")."""
