"""The only place that touches other libraries' private names.

One module per library, each shim a thin wrapper whose docstring names the private thing
and why no public API does the job; ``tests/_compat`` checks every shim against the
installed library, so an upgrade that changes one fails there, by name, rather than
silently somewhere downstream. Nothing is imported here: each module imports its library.
"""
