module casefile.test/rhythms

go 1.19
