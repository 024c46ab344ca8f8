"""Making HTML: Jinja environments, stencils and the answer pages made from them, view models for
cards and notices, the board of what is open now, hashed static files and the PWA files."""
