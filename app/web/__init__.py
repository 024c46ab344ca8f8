"""HTTP only: routes, templates, headers, htmx details, language negotiation."""
