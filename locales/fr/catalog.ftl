# The catalog's own check (i18n.rs tests): French counts 0 and 1 as singular.
catalog-selftest = { $count ->
    [one] { $count } candidature
   *[other] { $count } candidatures
}
