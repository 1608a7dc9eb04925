"""Terminal commands (`tunewatch status`, ...): the same core code paths the window uses."""
