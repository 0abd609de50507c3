"""Images: uploads checked by content, the metadata read from them, renditions."""
