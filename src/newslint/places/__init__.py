"""Places in articles: name folding, the gazetteer over the place packs, finding the places an
article names, and the report of every place family (``newslint names``)."""
