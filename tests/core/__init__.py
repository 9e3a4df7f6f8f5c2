"""Tests of the pure-numpy core, one file per module."""
