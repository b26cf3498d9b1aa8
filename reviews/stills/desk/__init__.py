"""The photo desk: upload, library and editing of stills, outside the admin."""
