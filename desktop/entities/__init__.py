"""Entity recognition: the Recognizer protocol, the built-in and spaCy recognisers, and
their measurement on CoNLL-2003. Qt-free; imports only the domain and its libraries."""
