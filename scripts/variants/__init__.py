"""Invented disclosures of the genre, each built from one data set into HTML, truth and Markdown."""
