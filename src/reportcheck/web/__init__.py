"""The upload-and-check web page behind ``reportcheck serve`` (Flask, served by waitress).

An upload is saved in a private folder under a name of the server's choosing, its type is told by its
content, and it is checked in a forked child process under a time limit; the folder is removed when
the response is made, whatever happened. Nothing of the upload stays on the server.
"""
