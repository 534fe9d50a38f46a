"""The projector view (``inddrag present FILE``): a read-only app that follows the leader."""
