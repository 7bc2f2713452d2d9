package difftest

const deviationsFile = "../../testdata/difftest/deviations.txt"
