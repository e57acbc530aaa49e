"""Teams without a server: hand out a corpus as one database per annotator with a measured
overlap, follow their progress, merge the files back (`annotator merge`)."""
