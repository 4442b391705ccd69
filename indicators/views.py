def beranda(request):
    pass
