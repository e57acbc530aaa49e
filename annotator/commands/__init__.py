"""One module per `annotator` sub-command; each is a thin call into the core layers."""
