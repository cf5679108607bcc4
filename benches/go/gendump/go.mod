module casefile.bench/gendump

go 1.19
