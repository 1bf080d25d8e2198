"""The labs: one module or package per lab, each registering a ``Lab`` subclass.

``base.py`` defines the protocol every lab follows and the registry; the main window imports
every other module here to find them (``base.discover_labs``), so adding a lab touches no
shared file.
"""
