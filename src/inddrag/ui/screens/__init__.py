"""The steps of the walk: start, advice, prioritise, roles, summary."""
