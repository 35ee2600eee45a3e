"""Signal handlers for site-wide concerns."""
