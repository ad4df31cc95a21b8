deps: \
  main.ftl \
  inc/lib.ftl \
  inc/base.ftl
