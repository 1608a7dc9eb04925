"""Tunewatch: track AI-music generation tasks live, then play and export the tracks."""

__version__ = "0.1.0"
