"""Indicator statements: targets for the coming term and results against past targets."""
