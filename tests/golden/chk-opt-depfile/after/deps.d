main.ftl: \
  main.ftl \
  inc/lib.ftl \
  inc/base.ftl
