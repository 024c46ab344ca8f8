-- wrk script: POST the five answers to the results form, as the browser form does.
-- The body comes from the environment (WRK_BODY), so load.py keeps it in one place.
wrk.method = "POST"
wrk.body = os.getenv("WRK_BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
