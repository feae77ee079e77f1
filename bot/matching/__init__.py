"""Matching young people with mentors."""
