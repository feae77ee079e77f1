"""The campaign: video stories and opportunities, their content file and sample content."""
