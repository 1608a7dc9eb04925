"""Everything Qt: the window, its models and widgets. A thin layer over the Qt-free core."""
