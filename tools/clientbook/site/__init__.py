"""The static directory staff browse: page models, pages, the build and its updates."""
