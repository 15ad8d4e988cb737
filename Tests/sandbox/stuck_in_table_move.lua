-- expect: limit
-- where: process
-- table.move over a huge range of nils: a trillion steps inside C, none of them allocating.
table.move({}, 1, 1000000000000, 2)
print("survived")
