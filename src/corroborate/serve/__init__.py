"""`corroborate serve`: the shared desk, a web app and JSON API over the store.

Reading is open (a trusted network); writing (marks, ingest) needs a user's token
(`corroborate user add NAME`). Pages render with the static report's templates, so
the desk and the files a run writes show a story the same way. The app is made by
`corroborate.serve.app.create_app`; this package imports nothing heavy, so the
command line starts as fast without it.
"""
