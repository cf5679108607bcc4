module casefile.test/incidents

go 1.19
