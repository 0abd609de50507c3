"""A small, self-contained newsroom to explore the site with: `manage.py load_demo`."""
