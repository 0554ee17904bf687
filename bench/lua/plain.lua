-- A plain GET of the URL given to wrk (GET /, /json/example, /calculator?...).
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")
