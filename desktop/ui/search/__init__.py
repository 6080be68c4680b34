"""Search results: model and delegate."""
