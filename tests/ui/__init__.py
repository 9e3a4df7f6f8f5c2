"""Tests of the presentation helpers, without a running app."""
