# The catalog's own check (i18n.rs tests).
catalog-selftest = { $count ->
    [one] { $count } application
   *[other] { $count } applications
}
