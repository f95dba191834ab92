# kehoach — the two commands of the quick start, and a few more.
#   make run    build and start the server on build/kehoach.db with demo data
#   make test   build with ASan+UBSan and run every test
# Both install missing Debian and npm packages first (scripts/install-deps.sh).

BUILD      ?= build
TEST_BUILD ?= build-test
DB         ?= $(BUILD)/kehoach.db
LISTEN     ?= 127.0.0.1:8080
JOBS       ?= $(shell nproc)

.PHONY: all build run test deps deps-test bench format clean

all: build

deps:
	@scripts/install-deps.sh run

deps-test:
	@scripts/install-deps.sh test

$(BUILD)/Makefile: CMakeLists.txt
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD)/Makefile
	cmake --build $(BUILD) -j$(JOBS) --target kehoach

run: build
	@if [ ! -f $(DB) ]; then \
		$(BUILD)/kehoach init --db $(DB) && $(BUILD)/kehoach demo --db $(DB); \
	else \
		$(BUILD)/kehoach init --db $(DB) >/dev/null; \
	fi
	$(BUILD)/kehoach serve --db $(DB) --listen $(LISTEN)

test: deps-test
	cmake -S . -B $(TEST_BUILD) -DCMAKE_BUILD_TYPE=Debug -DKH_SANITIZE=ON
	cmake --build $(TEST_BUILD) -j$(JOBS)
	cd $(TEST_BUILD) && ctest --output-on-failure -j$(JOBS)

bench: build
	bench/run.sh
	bench/plan.sh
	bench/import.sh
	bench/export.sh
	bench/dashboard.sh
	bench/indicator.sh

format:
	clang-format -i $$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'tests/*.h')

clean:
	rm -rf $(BUILD) $(TEST_BUILD)
