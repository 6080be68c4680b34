"""Use cases shared by the GUI and the command line. No Qt here.

Long-running services take ``progress(done, total, label)`` and ``cancel()`` callables so
that the GUI can run them in workers and the command line can run them inline.
"""
