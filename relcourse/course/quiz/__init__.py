"""Quiz items: the declarative model, the item-type registry, generation and curated YAML."""
