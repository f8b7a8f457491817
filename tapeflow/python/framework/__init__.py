"""`tapeflow.python.framework` (see `tapeflow.python`)."""
