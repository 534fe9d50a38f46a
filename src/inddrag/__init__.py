"""inddrag: walk a workplace through “Ti gode råd om medarbejderinddragelse i digitaliseringen”."""

__version__ = "0.1.0"
