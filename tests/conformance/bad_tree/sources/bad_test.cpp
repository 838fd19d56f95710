// Tests for the conformance checker's own test: never compiled.
TEST(Bad, A1_NamedForAnother) {}
TEST(Bad, A5_Fine) {}
TEST_F(Bad, Z9_NoSuchRule) {}
