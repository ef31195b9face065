"""Awesome MedVLM: the catalog of vision-language models for medical image analysis."""

__version__ = "0.1.0"
