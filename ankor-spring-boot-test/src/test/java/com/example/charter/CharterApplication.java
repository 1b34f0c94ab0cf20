package com.example.charter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

// stands for your application's main class, in src/main/java
@SpringBootApplication
public class CharterApplication {

	public static void main(String[] args) {
		SpringApplication.run(CharterApplication.class, args);
	}

}
