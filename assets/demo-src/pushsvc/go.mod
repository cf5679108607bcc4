module kioskco.example/pushsvc

go 1.19
