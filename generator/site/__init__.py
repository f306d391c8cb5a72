"""The site model: validated content mapped to pages, rendered through the theme's templates."""
