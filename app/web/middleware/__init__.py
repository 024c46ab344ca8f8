"""The ASGI layers around the app, outermost first: security headers, the cache of shared
responses (memo), compression, the shortcut for POST /{lang}/stap (app.py puts them together)."""
