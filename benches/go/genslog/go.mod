module casefile.bench/genslog

go 1.21
